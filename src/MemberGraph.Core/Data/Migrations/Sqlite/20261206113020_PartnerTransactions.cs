using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PartnerTransactions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PartnerDailyCredits",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    BusinessDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Points = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerDailyCredits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerDailyCredits_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PartnerTransactions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PartnerId = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TransactionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    PairwiseId = table.Column<string>(type: "TEXT", maxLength: 24, nullable: true),
                    CouponId = table.Column<long>(type: "INTEGER", nullable: true),
                    BenefitName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Points = table.Column<long>(type: "INTEGER", nullable: false),
                    PartnerPoints = table.Column<long>(type: "INTEGER", nullable: true),
                    At = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BusinessDate = table.Column<DateOnly>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartnerTransactions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartnerTransactions_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PartnerTransactions_Partners_PartnerId",
                        column: x => x.PartnerId,
                        principalTable: "Partners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerDailyCredits_PartnerId_BusinessDate_MemberId",
                table: "PartnerDailyCredits",
                columns: new[] { "PartnerId", "BusinessDate", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTransactions_MemberId",
                table: "PartnerTransactions",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTransactions_PartnerId_BusinessDate_Id",
                table: "PartnerTransactions",
                columns: new[] { "PartnerId", "BusinessDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_PartnerTransactions_PartnerId_Kind_TransactionId",
                table: "PartnerTransactions",
                columns: new[] { "PartnerId", "Kind", "TransactionId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PartnerDailyCredits");

            migrationBuilder.DropTable(
                name: "PartnerTransactions");
        }
    }
}
