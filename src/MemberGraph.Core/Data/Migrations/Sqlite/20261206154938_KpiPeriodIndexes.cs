using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KpiPeriodIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_AttributedGuideId",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_StoreId",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AttributedGuideId_PaidAt",
                table: "Orders",
                columns: new[] { "AttributedGuideId", "PaidAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Orders_StoreId_PaidAt",
                table: "Orders",
                columns: new[] { "StoreId", "PaidAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CommissionLines_GuideId_EarnedAt",
                table: "CommissionLines",
                columns: new[] { "GuideId", "EarnedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_AttributedGuideId_PaidAt",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_Orders_StoreId_PaidAt",
                table: "Orders");

            migrationBuilder.DropIndex(
                name: "IX_CommissionLines_GuideId_EarnedAt",
                table: "CommissionLines");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AttributedGuideId",
                table: "Orders",
                column: "AttributedGuideId");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_StoreId",
                table: "Orders",
                column: "StoreId");
        }
    }
}
