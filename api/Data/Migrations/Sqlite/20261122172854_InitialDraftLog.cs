using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookSayNo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class InitialDraftLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "drafts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Confidence = table.Column<double>(type: "REAL", nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Flags = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ManagerCopyAdvised = table.Column<bool>(type: "INTEGER", nullable: false),
                    TemplateId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    TemplateSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DataPointsJson = table.Column<string>(type: "TEXT", nullable: false),
                    MissingFieldsJson = table.Column<string>(type: "TEXT", nullable: false),
                    AlternativesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ChecksJson = table.Column<string>(type: "TEXT", nullable: false),
                    ClassificationJson = table.Column<string>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", nullable: false),
                    Html = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    EmailSubject = table.Column<string>(type: "TEXT", nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    FromEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConversationId = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BodySha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drafts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_CreatedAtUtc",
                table: "drafts",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_drafts_UserId_CreatedAtUtc",
                table: "drafts",
                columns: new[] { "UserId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "drafts");
        }
    }
}
