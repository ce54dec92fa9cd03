using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class GuideTaskCampaigns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GuideTaskCampaigns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Script = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    SegmentId = table.Column<long>(type: "INTEGER", nullable: false),
                    CouponTemplateId = table.Column<long>(type: "INTEGER", nullable: true),
                    DueDays = table.Column<int>(type: "INTEGER", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    FilledUpToMemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastMemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FilledAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuideTaskCampaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GuideTaskCampaigns_CouponTemplates_CouponTemplateId",
                        column: x => x.CouponTemplateId,
                        principalTable: "CouponTemplates",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GuideTaskCampaigns_Segments_SegmentId",
                        column: x => x.SegmentId,
                        principalTable: "Segments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GuideTasks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CampaignId = table.Column<long>(type: "INTEGER", nullable: true),
                    SourceKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Script = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CouponTemplateId = table.Column<long>(type: "INTEGER", nullable: true),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    GuideId = table.Column<long>(type: "INTEGER", nullable: true),
                    StoreId = table.Column<long>(type: "INTEGER", nullable: true),
                    Route = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CouponId = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GuideTasks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GuideTasks_Coupons_CouponId",
                        column: x => x.CouponId,
                        principalTable: "Coupons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GuideTasks_GuideTaskCampaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "GuideTaskCampaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GuideTasks_Guides_GuideId",
                        column: x => x.GuideId,
                        principalTable: "Guides",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_GuideTasks_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GuideTaskCampaigns_CouponTemplateId",
                table: "GuideTaskCampaigns",
                column: "CouponTemplateId");

            migrationBuilder.CreateIndex(
                name: "IX_GuideTaskCampaigns_SegmentId",
                table: "GuideTaskCampaigns",
                column: "SegmentId");

            migrationBuilder.CreateIndex(
                name: "IX_GuideTaskCampaigns_Status",
                table: "GuideTaskCampaigns",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_GuideTasks_CampaignId_MemberId",
                table: "GuideTasks",
                columns: new[] { "CampaignId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GuideTasks_CampaignId_Status",
                table: "GuideTasks",
                columns: new[] { "CampaignId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_GuideTasks_CouponId",
                table: "GuideTasks",
                column: "CouponId");

            migrationBuilder.CreateIndex(
                name: "IX_GuideTasks_GuideId_Status_Id",
                table: "GuideTasks",
                columns: new[] { "GuideId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_GuideTasks_MemberId",
                table: "GuideTasks",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_GuideTasks_SourceKey",
                table: "GuideTasks",
                column: "SourceKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GuideTasks_Status_DueAt",
                table: "GuideTasks",
                columns: new[] { "Status", "DueAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GuideTasks");

            migrationBuilder.DropTable(
                name: "GuideTaskCampaigns");
        }
    }
}
