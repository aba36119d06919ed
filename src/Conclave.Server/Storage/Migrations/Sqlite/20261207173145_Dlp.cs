using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conclave.Server.Storage.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Dlp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DlpPolicies",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DlpPolicies", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "DlpSensitiveTypes",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Pattern = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    KeywordsJson = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    KeywordProximity = table.Column<int>(type: "INTEGER", nullable: false),
                    Confidence = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DlpSensitiveTypes", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "DlpRules",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PolicyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    ConditionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    AccessScope = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    BlockAccess = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotifyUser = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NotifyAllowOverride = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    NotifyPolicyTipCustomText = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Disabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ModifiedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DlpRules", x => x.Key);
                    table.ForeignKey(
                        name: "FK_DlpRules_DlpPolicies_PolicyKey",
                        column: x => x.PolicyKey,
                        principalTable: "DlpPolicies",
                        principalColumn: "Key",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DlpRules_PolicyKey_CreatedAt",
                table: "DlpRules",
                columns: new[] { "PolicyKey", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DlpRules");

            migrationBuilder.DropTable(
                name: "DlpSensitiveTypes");

            migrationBuilder.DropTable(
                name: "DlpPolicies");
        }
    }
}
