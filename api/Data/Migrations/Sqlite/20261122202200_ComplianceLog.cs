using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace OutlookSayNo.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ComplianceLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Drafts made before the log existed are not in any chain: a review index row without its
            // record would point at nothing, so they go with the old event table.
            migrationBuilder.Sql("DELETE FROM draft_events; DELETE FROM drafts;");

            migrationBuilder.DropTable(
                name: "draft_events");

            // The drafts table loses most of its columns and gains others, and it is empty (above). SQLite
            // cannot drop those columns in place: EF would rebuild the table with PRAGMA foreign_keys = 0,
            // which cannot run in the migration's transaction and is warned about on every new database.
            // Dropping and creating the table gives the same table (the columns in the order EF's rebuild
            // gave them), inside the transaction.
            migrationBuilder.DropTable(
                name: "drafts");

            migrationBuilder.CreateTable(
                name: "drafts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Abusive = table.Column<bool>(type: "INTEGER", nullable: false),
                    AskQuote = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Audience = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CatalogVersion = table.Column<long>(type: "INTEGER", nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Comments = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CustomerDomain = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    EmailSubject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FromEmail = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    FromName = table.Column<string>(type: "TEXT", maxLength: 320, nullable: false),
                    GeneratedFailed = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneratedSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    InsertedAtUtc = table.Column<DateTime?>(type: "TEXT", nullable: true),
                    ManagerCopyAdvised = table.Column<bool>(type: "INTEGER", nullable: false),
                    Review = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ReviewedAtUtc = table.Column<DateTime?>(type: "TEXT", nullable: true),
                    SentAtUtc = table.Column<DateTime?>(type: "TEXT", nullable: true),
                    SentFailed = table.Column<int?>(type: "INTEGER", nullable: true),
                    SentSeq = table.Column<long?>(type: "INTEGER", nullable: true),
                    SentUnchanged = table.Column<bool?>(type: "INTEGER", nullable: true),
                    SentWarned = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1010, nullable: false),
                    TemplateId = table.Column<string>(type: "TEXT", maxLength: 80, nullable: false),
                    TemplateVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Threat = table.Column<bool>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drafts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "log",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DraftId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    ContentHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PrevHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "log_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_head", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "log_head",
                columns: new[] { "Id", "Hash", "Seq" },
                values: new object[] { 1, "0000000000000000000000000000000000000000000000000000000000000000", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_Category_CreatedAtUtc_Id",
                table: "drafts",
                columns: new[] { "Category", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_CreatedAtUtc_Id",
                table: "drafts",
                columns: new[] { "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_CustomerDomain_CreatedAtUtc_Id",
                table: "drafts",
                columns: new[] { "CustomerDomain", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_Review_CreatedAtUtc_Id",
                table: "drafts",
                columns: new[] { "Review", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_Status_CreatedAtUtc_Id",
                table: "drafts",
                columns: new[] { "Status", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_UserId_CreatedAtUtc_Id",
                table: "drafts",
                columns: new[] { "UserId", "CreatedAtUtc", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_log_AtUtc",
                table: "log",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_log_DraftId_Seq",
                table: "log",
                columns: new[] { "DraftId", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_log_Type_Seq",
                table: "log",
                columns: new[] { "Type", "Seq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "log");

            migrationBuilder.DropTable(
                name: "log_head");

            migrationBuilder.DropIndex(
                name: "IX_drafts_Category_CreatedAtUtc_Id",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_drafts_CreatedAtUtc_Id",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_drafts_CustomerDomain_CreatedAtUtc_Id",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_drafts_Review_CreatedAtUtc_Id",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_drafts_Status_CreatedAtUtc_Id",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_drafts_UserId_CreatedAtUtc_Id",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "Abusive",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "AskQuote",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "Comments",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "CustomerDomain",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "GeneratedFailed",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "GeneratedSeq",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "InsertedAtUtc",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "Review",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "ReviewedAtUtc",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "SentAtUtc",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "SentFailed",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "SentSeq",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "SentUnchanged",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "SentWarned",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "drafts");

            migrationBuilder.DropColumn(
                name: "Threat",
                table: "drafts");

            migrationBuilder.AddColumn<string>(
                name: "AlternativesJson",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "BodySha256",
                table: "drafts",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ChecksJson",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ClassificationJson",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<double>(
                name: "Confidence",
                table: "drafts",
                type: "REAL",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<string>(
                name: "ConversationId",
                table: "drafts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DataPointsJson",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Flags",
                table: "drafts",
                type: "TEXT",
                maxLength: 60,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Html",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ItemId",
                table: "drafts",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MissingFieldsJson",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "TemplateSha256",
                table: "drafts",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Text",
                table: "drafts",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "draft_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DraftId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Mode = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    Type = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_draft_events", x => x.Id);
                    table.ForeignKey(
                        name: "FK_draft_events_drafts_DraftId",
                        column: x => x.DraftId,
                        principalTable: "drafts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_CreatedAtUtc",
                table: "drafts",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_drafts_UserId_CreatedAtUtc",
                table: "drafts",
                columns: new[] { "UserId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_draft_events_DraftId_AtUtc",
                table: "draft_events",
                columns: new[] { "DraftId", "AtUtc" });
        }
    }
}
