using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AttributedKpiCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_AttributedGuideId_PaidAt",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AttributedGuideId_PaidAt_Covering",
                table: "Orders",
                columns: new[] { "AttributedGuideId", "PaidAt", "MemberId", "Status", "PaidAmountCents", "RefundedAmountCents" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Orders_AttributedGuideId_PaidAt_Covering",
                table: "Orders");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_AttributedGuideId_PaidAt",
                table: "Orders",
                columns: new[] { "AttributedGuideId", "PaidAt" });
        }
    }
}
