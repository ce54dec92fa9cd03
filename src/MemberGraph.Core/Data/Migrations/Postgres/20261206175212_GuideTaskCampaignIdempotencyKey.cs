using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class GuideTaskCampaignIdempotencyKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdempotencyKey",
                table: "GuideTaskCampaigns",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_GuideTaskCampaigns_IdempotencyKey",
                table: "GuideTaskCampaigns",
                column: "IdempotencyKey",
                unique: true,
                filter: "\"IdempotencyKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_GuideTaskCampaigns_IdempotencyKey",
                table: "GuideTaskCampaigns");

            migrationBuilder.DropColumn(
                name: "IdempotencyKey",
                table: "GuideTaskCampaigns");
        }
    }
}
