using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conclave.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CallRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CallId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CallerId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CallerUpn = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    CalleeId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CalleeUpn = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    PlacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndReason = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    EndToEnd = table.Column<bool>(type: "INTEGER", nullable: false),
                    Missed = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CallRecords", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_CallId",
                table: "CallRecords",
                column: "CallId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_CalleeId_Missed_CallerId",
                table: "CallRecords",
                columns: new[] { "CalleeId", "Missed", "CallerId" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_CalleeId_PlacedAt",
                table: "CallRecords",
                columns: new[] { "CalleeId", "PlacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CallRecords_CallerId_PlacedAt",
                table: "CallRecords",
                columns: new[] { "CallerId", "PlacedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CallRecords");
        }
    }
}
