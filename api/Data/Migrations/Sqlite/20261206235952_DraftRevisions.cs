using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookSayNo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DraftRevisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "EmailKey",
                table: "drafts",
                type: "TEXT",
                maxLength: 80,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTime>(
                name: "LatestAtUtc",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<long>(
                name: "LatestSeq",
                table: "drafts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Revisions",
                table: "drafts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "draft_revisions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    DraftId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    GeneratedFailed = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_draft_revisions", x => x.Id);
                });

            // Each draft logged before revisions is one email with one revision (its own id), and keeps a key of
            // its own: old drafts are not merged after the fact. Nothing in the log changes.
            migrationBuilder.Sql("UPDATE drafts SET \"EmailKey\" = 'draft:' || \"Id\", \"Revisions\" = 1, \"LatestAtUtc\" = \"CreatedAtUtc\", \"LatestSeq\" = \"GeneratedSeq\";");
            migrationBuilder.Sql("INSERT INTO draft_revisions (\"Id\", \"DraftId\", \"Number\", \"Seq\", \"CreatedAtUtc\", \"Category\", \"Audience\", \"GeneratedFailed\") " +
                "SELECT \"Id\", \"Id\", 1, \"GeneratedSeq\", \"CreatedAtUtc\", \"Category\", \"Audience\", \"GeneratedFailed\" FROM drafts;");

            migrationBuilder.CreateIndex(
                name: "IX_drafts_SentAtUtc",
                table: "drafts",
                column: "SentAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_drafts_UserId_EmailKey",
                table: "drafts",
                columns: new[] { "UserId", "EmailKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_draft_revisions_DraftId_Number",
                table: "draft_revisions",
                columns: new[] { "DraftId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_draft_revisions_Seq",
                table: "draft_revisions",
                column: "Seq");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "draft_revisions");

            migrationBuilder.DropIndex(
                name: "IX_drafts_SentAtUtc",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_drafts_UserId_EmailKey",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "EmailKey",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "LatestAtUtc",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "LatestSeq",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "Revisions",
                table: "drafts");
        }
    }
}
