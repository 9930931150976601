using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookSayNo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TemplateVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CatalogVersion",
                table: "drafts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "template_folder",
                columns: table => new
                {
                    Path = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    FolderSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ConflictContent = table.Column<string>(type: "TEXT", nullable: true),
                    ConflictVersion = table.Column<int>(type: "INTEGER", nullable: true),
                    ConflictAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConflictReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_folder", x => x.Path);
                });

            migrationBuilder.CreateTable(
                name: "template_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Content = table.Column<string>(type: "TEXT", nullable: true),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_versions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_template_versions_AtUtc",
                table: "template_versions",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_template_versions_Path_Version",
                table: "template_versions",
                columns: new[] { "Path", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "template_folder");

            migrationBuilder.DropTable(
                name: "template_versions");

            migrationBuilder.DropColumn(
                name: "CatalogVersion",
                table: "drafts");
        }
    }
}
