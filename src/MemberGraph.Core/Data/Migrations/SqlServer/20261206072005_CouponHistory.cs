using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CouponHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CouponHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CouponId = table.Column<long>(type: "bigint", nullable: false),
                    Event = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StoreId = table.Column<long>(type: "bigint", nullable: true),
                    OrderRef = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    OrderAmountCents = table.Column<long>(type: "bigint", nullable: true),
                    DiscountCents = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CouponHistory", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CouponHistory_Coupons_CouponId",
                        column: x => x.CouponId,
                        principalTable: "Coupons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CouponHistory_Stores_StoreId",
                        column: x => x.StoreId,
                        principalTable: "Stores",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_CouponHistory_CouponId_Id",
                table: "CouponHistory",
                columns: new[] { "CouponId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CouponHistory_StoreId",
                table: "CouponHistory",
                column: "StoreId");


            // Coupons issued before their history was kept: what their columns still tell (issue, then the current reservation,
            // write-off or expiry). Write-offs a full refund already cleared are gone from the columns and cannot be recovered.
            migrationBuilder.Sql("INSERT INTO [CouponHistory] ([CouponId], [Event], [At]) SELECT [Id], 'Issued', [IssuedAt] FROM [Coupons];");
            migrationBuilder.Sql("INSERT INTO [CouponHistory] ([CouponId], [Event], [At], [OrderRef]) SELECT [Id], 'Reserved', [ReservedAt], [ReservedForOrderRef] FROM [Coupons] WHERE [Status] = 'Reserved' AND [ReservedAt] IS NOT NULL;");
            migrationBuilder.Sql("INSERT INTO [CouponHistory] ([CouponId], [Event], [At], [StoreId], [OrderRef], [OrderAmountCents], [DiscountCents]) SELECT [Id], 'Redeemed', [RedeemedAt], [RedeemedStoreId], [RedeemedOrderRef], [RedeemedOrderAmountCents], [RedeemedDiscountCents] FROM [Coupons] WHERE [Status] = 'Redeemed' AND [RedeemedAt] IS NOT NULL;");
            migrationBuilder.Sql("INSERT INTO [CouponHistory] ([CouponId], [Event], [At]) SELECT [Id], 'Expired', [ExpiredAt] FROM [Coupons] WHERE [Status] = 'Expired' AND [ExpiredAt] IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CouponHistory");
        }
    }
}
