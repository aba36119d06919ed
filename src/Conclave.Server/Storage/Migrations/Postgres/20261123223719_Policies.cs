using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conclave.Server.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Policies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PolicyGroupAssignments",
                columns: table => new
                {
                    PolicyType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GroupId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GroupName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    PolicyName = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyGroupAssignments", x => new { x.PolicyType, x.GroupId });
                });

            migrationBuilder.CreateTable(
                name: "PolicyInstances",
                columns: table => new
                {
                    PolicyType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Identity = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false),
                    ValuesJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyInstances", x => new { x.PolicyType, x.Identity });
                });

            migrationBuilder.CreateTable(
                name: "PolicyTenantDefaults",
                columns: table => new
                {
                    PolicyType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PolicyName = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyTenantDefaults", x => x.PolicyType);
                });

            migrationBuilder.CreateTable(
                name: "PolicyUserGrants",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    PolicyType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PolicyName = table.Column<string>(type: "character varying(140)", maxLength: 140, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyUserGrants", x => new { x.UserId, x.PolicyType });
                    table.ForeignKey(
                        name: "FK_PolicyUserGrants_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyUserSettings",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    E2eeCalls = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyUserSettings", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_PolicyUserSettings_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PolicyGroupAssignments");

            migrationBuilder.DropTable(
                name: "PolicyInstances");

            migrationBuilder.DropTable(
                name: "PolicyTenantDefaults");

            migrationBuilder.DropTable(
                name: "PolicyUserGrants");

            migrationBuilder.DropTable(
                name: "PolicyUserSettings");
        }
    }
}
