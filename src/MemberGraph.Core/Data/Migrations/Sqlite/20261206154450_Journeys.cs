using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MemberGraph.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Journeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Journeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TriggerKind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    TriggerPurchaseNumber = table.Column<int>(type: "INTEGER", nullable: true),
                    TriggerSegmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    WaitMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    ConditionSegmentId = table.Column<long>(type: "INTEGER", nullable: true),
                    ConditionExpression = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CapMaxActions = table.Column<int>(type: "INTEGER", nullable: true),
                    CapPerDays = table.Column<int>(type: "INTEGER", nullable: true),
                    ConversionWindowDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Actions = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Journeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JourneyEnrolments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    JourneyId = table.Column<long>(type: "INTEGER", nullable: false),
                    MemberId = table.Column<long>(type: "INTEGER", nullable: false),
                    Occurrence = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    SkipReason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    EnrolledAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CouponId = table.Column<long>(type: "INTEGER", nullable: true),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    ConvertBy = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JourneyEnrolments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JourneyEnrolments_Journeys_JourneyId",
                        column: x => x.JourneyId,
                        principalTable: "Journeys",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyEnrolments_JourneyId_MemberId_Occurrence",
                table: "JourneyEnrolments",
                columns: new[] { "JourneyId", "MemberId", "Occurrence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_JourneyEnrolments_JourneyId_Status",
                table: "JourneyEnrolments",
                columns: new[] { "JourneyId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyEnrolments_MemberId_ActedAt",
                table: "JourneyEnrolments",
                columns: new[] { "MemberId", "ActedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JourneyEnrolments_Status_DueAt",
                table: "JourneyEnrolments",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Journeys_Name",
                table: "Journeys",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Journeys_TriggerKind_Status",
                table: "Journeys",
                columns: new[] { "TriggerKind", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "JourneyEnrolments");

            migrationBuilder.DropTable(
                name: "Journeys");
        }
    }
}
