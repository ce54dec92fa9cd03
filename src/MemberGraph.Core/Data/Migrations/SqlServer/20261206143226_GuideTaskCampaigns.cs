using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Script = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    SegmentId = table.Column<long>(type: "bigint", nullable: false),
                    CouponTemplateId = table.Column<long>(type: "bigint", nullable: true),
                    DueDays = table.Column<int>(type: "int", nullable: false),
                    DueAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    FilledUpToMemberId = table.Column<long>(type: "bigint", nullable: false),
                    LastMemberId = table.Column<long>(type: "bigint", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FilledAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CampaignId = table.Column<long>(type: "bigint", nullable: true),
                    SourceKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Script = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CouponTemplateId = table.Column<long>(type: "bigint", nullable: true),
                    MemberId = table.Column<long>(type: "bigint", nullable: false),
                    GuideId = table.Column<long>(type: "bigint", nullable: true),
                    StoreId = table.Column<long>(type: "bigint", nullable: true),
                    Route = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Outcome = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DueAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DoneAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CouponId = table.Column<long>(type: "bigint", nullable: true)
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
                unique: true,
                filter: "[CampaignId] IS NOT NULL");

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
                unique: true,
                filter: "[SourceKey] IS NOT NULL");

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
