using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conclave.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AppRegistrationEnabled : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Apps registered before this migration stay enabled.
            migrationBuilder.AddColumn<bool>(
                name: "Enabled",
                table: "AppRegistrations",
                type: "boolean",
                nullable: false,
                defaultValue: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Enabled",
                table: "AppRegistrations");
        }
    }
}
