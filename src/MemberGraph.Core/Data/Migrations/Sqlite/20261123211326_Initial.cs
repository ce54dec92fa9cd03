using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Operation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEntries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CouponTemplates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ValueKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AmountOffCents = table.Column<long>(type: "INTEGER", nullable: true),
                    DiscountRate = table.Column<int>(type: "INTEGER", nullable: true),
                    GiftSku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    GiftDescription = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ThresholdCents = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ValidDaysAfterIssue = table.Column<int>(type: "INTEGER", nullable: true),
                    TotalStock = table.Column<int>(type: "INTEGER", nullable: false),
                    Issued = table.Column<int>(type: "INTEGER", nullable: false),
                    PerMemberLimit = table.Column<int>(type: "INTEGER", nullable: false),
                    UsableStoreIds = table.Column<string>(type: "TEXT", nullable: false),
                    UsableChannels = table.Column<string>(type: "TEXT", nullable: false),
                    Claimable = table.Column<bool>(type: "INTEGER", nullable: false),
                    PointsPrice = table.Column<long>(type: "INTEGER", nullable: true),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouponTemplates", x => x.Id);
                    table.CheckConstraint("CK_CouponTemplates_Stock", "\"Issued\" >= 0 AND \"Issued\" <= \"TotalStock\"");
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Job = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TriggeredBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Processed = table.Column<long>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MemberMerges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SurvivorId = table.Column<long>(type: "INTEGER", nullable: false),
                    MergedId = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MergedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MergedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MovedJson = table.Column<string>(type: "TEXT", maxLength: 2147483647, nullable: false),
                    FieldsJson = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    UnmergedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnmergedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberMerges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Members",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Birthday = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Gender = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MergedIntoId = table.Column<long>(type: "INTEGER", nullable: true),
                    FollowedOfficialAccount = table.Column<bool>(type: "INTEGER", nullable: false),
                    AuthorizedMiniProgram = table.Column<bool>(type: "INTEGER", nullable: false),
                    AddedGuideOnWeCom = table.Column<bool>(type: "INTEGER", nullable: false),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    HomeLatitude = table.Column<double>(type: "REAL", nullable: true),
                    HomeLongitude = table.Column<double>(type: "REAL", nullable: true),
                    TouchedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Members", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Segments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Expression = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    LastCount = table.Column<long>(type: "INTEGER", nullable: true),
                    LastCountedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Segments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Stores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    City = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Latitude = table.Column<double>(type: "REAL", nullable: false),
                    Longitude = table.Column<double>(type: "REAL", nullable: false),
                    DeliveryRadiusMeters = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Stores", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TagDefinitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RuleJson = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TagDefinitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeComCallbackEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChangeType = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ExternalUserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeComCallbackEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Identities",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExternalId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    LinkedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Identities", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Identities_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberTiers",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecomputedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberTiers", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_MemberTiers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Orders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ChannelOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<long>(type: "INTEGER", nullable: true),
                    GuideCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    ShareParameter = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    AttributedGuideId = table.Column<long>(type: "INTEGER", nullable: true),
                    AttributionSource = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PaidAmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundedAmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    PointsEarned = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Orders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Orders_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsAccounts",
                columns: table => new
                {
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Balance = table.Column<long>(type: "INTEGER", nullable: false),
                    Pending = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsAccounts", x => x.MemberId);
                    table.ForeignKey(
                        name: "FK_PointsAccounts_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    PendingChange = table.Column<long>(type: "INTEGER", nullable: false),
                    BalanceAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    PendingAfter = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SourceKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsEntries_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PointsLots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: true),
                    Earned = table.Column<long>(type: "INTEGER", nullable: false),
                    Remaining = table.Column<long>(type: "INTEGER", nullable: false),
                    EarnedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AvailableAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PointsLots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PointsLots_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TierChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    ToLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    Growth = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TierChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TierChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Coupons",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TemplateId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ValidUntil = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentByGuideId = table.Column<long>(type: "INTEGER", nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    ReservedForOrderRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ReservedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RedeemedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RedeemedStoreId = table.Column<long>(type: "INTEGER", nullable: true),
                    RedeemedOrderRef = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    RedeemedOrderAmountCents = table.Column<long>(type: "INTEGER", nullable: true),
                    RedeemedDiscountCents = table.Column<long>(type: "INTEGER", nullable: true),
                    ExpiredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiringSoonNotifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Coupons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Coupons_CouponTemplates_TemplateId",
                        column: x => x.TemplateId,
                        principalTable: "CouponTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Coupons_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Coupons_Stores_RedeemedStoreId",
                        column: x => x.RedeemedStoreId,
                        principalTable: "Stores",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateTable(
                name: "Guides",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    WeComUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StoreId = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    GuideCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    ContactWayConfigId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ContactWayQrCode = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    ResignedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Guides", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Guides_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MemberTags",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    TagId = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RuleRunId = table.Column<long>(type: "INTEGER", nullable: true),
                    GuideId = table.Column<long>(type: "INTEGER", nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MemberTags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MemberTags_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MemberTags_TagDefinitions_TagId",
                        column: x => x.TagId,
                        principalTable: "TagDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    PaidShareCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundedQuantity = table.Column<int>(type: "INTEGER", nullable: false),
                    RefundedCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderLines_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OrderRefunds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RefundedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PointsCancelled = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsDeducted = table.Column<long>(type: "INTEGER", nullable: false),
                    PointsShortfall = table.Column<long>(type: "INTEGER", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderRefunds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderRefunds_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerTransfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    FromGuideId = table.Column<long>(type: "INTEGER", nullable: false),
                    ToGuideId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ExternalUserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CompletedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FailReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    NewRelationshipId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerTransfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CustomerTransfers_Guides_FromGuideId",
                        column: x => x.FromGuideId,
                        principalTable: "Guides",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CustomerTransfers_Guides_ToGuideId",
                        column: x => x.ToGuideId,
                        principalTable: "Guides",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CustomerTransfers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GuideCommissionTotals",
                columns: table => new
                {
                    GuideId = table.Column<long>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    TodayCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MonthCents = table.Column<long>(type: "INTEGER", nullable: false),
                    PendingCents = table.Column<long>(type: "INTEGER", nullable: false),
                    SettledCents = table.Column<long>(type: "INTEGER", nullable: false),
                    ClawedBackCents = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuideCommissionTotals", x => x.GuideId);
                    table.ForeignKey(
                        name: "FK_GuideCommissionTotals_Guides_GuideId",
                        column: x => x.GuideId,
                        principalTable: "Guides",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GuideRelationships",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    GuideId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SourceDetail = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Since = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuideRelationships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GuideRelationships_Guides_GuideId",
                        column: x => x.GuideId,
                        principalTable: "Guides",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GuideRelationships_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CommissionLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrderId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderLineId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    GuideId = table.Column<long>(type: "INTEGER", nullable: false),
                    StoreId = table.Column<long>(type: "INTEGER", nullable: true),
                    Sku = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Rule = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RateBasisPoints = table.Column<int>(type: "INTEGER", nullable: true),
                    BaseCents = table.Column<long>(type: "INTEGER", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false),
                    ClawedBackCents = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    EarnedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SettledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClawedBackAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SettlementId = table.Column<string>(type: "TEXT", maxLength: 36, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CommissionLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CommissionLines_Guides_GuideId",
                        column: x => x.GuideId,
                        principalTable: "Guides",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommissionLines_OrderLines_OrderLineId",
                        column: x => x.OrderLineId,
                        principalTable: "OrderLines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CommissionLines_Orders_OrderId",
                        column: x => x.OrderId,
                        principalTable: "Orders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OrderRefundLines",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RefundId = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderLineId = table.Column<long>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountCents = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OrderRefundLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OrderRefundLines_OrderRefunds_RefundId",
                        column: x => x.RefundId,
                        principalTable: "OrderRefunds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_At",
                table: "AuditEntries",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Target",
                table: "AuditEntries",
                column: "Target");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_GuideId_Id",
                table: "CommissionLines",
                columns: new[] { "GuideId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_OrderId",
                table: "CommissionLines",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_OrderLineId",
                table: "CommissionLines",
                column: "OrderLineId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_SettlementId",
                table: "CommissionLines",
                column: "SettlementId");

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_Status_EarnedAt",
                table: "CommissionLines",
                columns: new[] { "Status", "EarnedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CouponTemplates_Status_Kind",
                table: "CouponTemplates",
                columns: new[] { "Status", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_Code",
                table: "Coupons",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_IdempotencyKey",
                table: "Coupons",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_MemberId_Status",
                table: "Coupons",
                columns: new[] { "MemberId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_RedeemedStoreId",
                table: "Coupons",
                column: "RedeemedStoreId");

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_Status_ValidUntil",
                table: "Coupons",
                columns: new[] { "Status", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_Coupons_TemplateId_MemberId",
                table: "Coupons",
                columns: new[] { "TemplateId", "MemberId" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTransfers_FromGuideId",
                table: "CustomerTransfers",
                column: "FromGuideId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTransfers_MemberId_RequestedAt",
                table: "CustomerTransfers",
                columns: new[] { "MemberId", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTransfers_OnePending",
                table: "CustomerTransfers",
                column: "MemberId",
                unique: true,
                filter: "\"Status\" = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTransfers_Status_DueAt",
                table: "CustomerTransfers",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerTransfers_ToGuideId",
                table: "CustomerTransfers",
                column: "ToGuideId");

            migrationBuilder.CreateIndex(
                name: "IX_GuideRelationships_GuideId_EndedAt",
                table: "GuideRelationships",
                columns: new[] { "GuideId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GuideRelationships_MemberId_Kind_EndedAt",
                table: "GuideRelationships",
                columns: new[] { "MemberId", "Kind", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_GuideRelationships_OneOpenExclusive",
                table: "GuideRelationships",
                column: "MemberId",
                unique: true,
                filter: "\"Kind\" = 'Exclusive' AND \"EndedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Guides_GuideCode",
                table: "Guides",
                column: "GuideCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Guides_StoreId",
                table: "Guides",
                column: "StoreId");

            migrationBuilder.CreateIndex(
                name: "IX_Guides_WeComUserId",
                table: "Guides",
                column: "WeComUserId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Identities_Channel_ExternalId",
                table: "Identities",
                columns: new[] { "Channel", "ExternalId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Identities_MemberId",
                table: "Identities",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_StartedAt",
                table: "JobRuns",
                columns: new[] { "Job", "StartedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobRuns_Job_Status",
                table: "JobRuns",
                columns: new[] { "Job", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberMerges_MergedId",
                table: "MemberMerges",
                column: "MergedId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberMerges_SurvivorId_MergedId",
                table: "MemberMerges",
                columns: new[] { "SurvivorId", "MergedId" });

            migrationBuilder.CreateIndex(
                name: "IX_MemberTags_MemberId",
                table: "MemberTags",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MemberTags_TagId_MemberId",
                table: "MemberTags",
                columns: new[] { "TagId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Members_MergedIntoId",
                table: "Members",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Members_Phone",
                table: "Members",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_Members_TouchedAt",
                table: "Members",
                column: "TouchedAt");

            migrationBuilder.CreateIndex(
                name: "IX_OrderLines_OrderId_LineNumber",
                table: "OrderLines",
                columns: new[] { "OrderId", "LineNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OrderRefundLines_RefundId",
                table: "OrderRefundLines",
                column: "RefundId");

            migrationBuilder.CreateIndex(
                name: "IX_OrderRefunds_OrderId_RefundId",
                table: "OrderRefunds",
                columns: new[] { "OrderId", "RefundId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AttributedGuideId",
                table: "Orders",
                column: "AttributedGuideId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_Channel_ChannelOrderId",
                table: "Orders",
                columns: new[] { "Channel", "ChannelOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MemberId_Id",
                table: "Orders",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_MemberId_PaidAt",
                table: "Orders",
                columns: new[] { "MemberId", "PaidAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_StoreId",
                table: "Orders",
                column: "StoreId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_MemberId_Id",
                table: "PointsEntries",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsEntries_MemberId_IdempotencyKey",
                table: "PointsEntries",
                columns: new[] { "MemberId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_MemberId_Status_ExpiresAt",
                table: "PointsLots",
                columns: new[] { "MemberId", "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_OrderId",
                table: "PointsLots",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_Status_AvailableAt",
                table: "PointsLots",
                columns: new[] { "Status", "AvailableAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PointsLots_Status_ExpiresAt",
                table: "PointsLots",
                columns: new[] { "Status", "ExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Segments_Name",
                table: "Segments",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Stores_Code",
                table: "Stores",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TagDefinitions_Key",
                table: "TagDefinitions",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TierChanges_MemberId_Id",
                table: "TierChanges",
                columns: new[] { "MemberId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WeComCallbackEvents_Key",
                table: "WeComCallbackEvents",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WeComCallbackEvents_ReceivedAt",
                table: "WeComCallbackEvents",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditEntries");

            migrationBuilder.DropTable(
                name: "CommissionLines");

            migrationBuilder.DropTable(
                name: "Coupons");

            migrationBuilder.DropTable(
                name: "CustomerTransfers");

            migrationBuilder.DropTable(
                name: "GuideCommissionTotals");

            migrationBuilder.DropTable(
                name: "GuideRelationships");

            migrationBuilder.DropTable(
                name: "Identities");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "MemberMerges");

            migrationBuilder.DropTable(
                name: "MemberTags");

            migrationBuilder.DropTable(
                name: "MemberTiers");

            migrationBuilder.DropTable(
                name: "OrderRefundLines");

            migrationBuilder.DropTable(
                name: "PointsAccounts");

            migrationBuilder.DropTable(
                name: "PointsEntries");

            migrationBuilder.DropTable(
                name: "PointsLots");

            migrationBuilder.DropTable(
                name: "Segments");

            migrationBuilder.DropTable(
                name: "TierChanges");

            migrationBuilder.DropTable(
                name: "WeComCallbackEvents");

            migrationBuilder.DropTable(
                name: "OrderLines");

            migrationBuilder.DropTable(
                name: "CouponTemplates");

            migrationBuilder.DropTable(
                name: "Guides");

            migrationBuilder.DropTable(
                name: "TagDefinitions");

            migrationBuilder.DropTable(
                name: "OrderRefunds");

            migrationBuilder.DropTable(
                name: "Stores");

            migrationBuilder.DropTable(
                name: "Orders");

            migrationBuilder.DropTable(
                name: "Members");
        }
    }
}
