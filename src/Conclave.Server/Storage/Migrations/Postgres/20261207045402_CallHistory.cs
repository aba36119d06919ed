using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Conclave.Server.Storage.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CallId = table.Column<Guid>(type: "uuid", nullable: false),
                    CallerId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CallerUpn = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CalleeId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CalleeUpn = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PlacedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndReason = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    EndToEnd = table.Column<bool>(type: "boolean", nullable: false),
                    Missed = table.Column<bool>(type: "boolean", nullable: false)
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
