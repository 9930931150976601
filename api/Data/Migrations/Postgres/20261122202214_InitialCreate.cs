using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace OutlookSayNo.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "drafts",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Audience = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Threat = table.Column<bool>(type: "boolean", nullable: false),
                    Abusive = table.Column<bool>(type: "boolean", nullable: false),
                    ManagerCopyAdvised = table.Column<bool>(type: "boolean", nullable: false),
                    TemplateId = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    CatalogVersion = table.Column<long>(type: "bigint", nullable: false),
                    GeneratedFailed = table.Column<int>(type: "integer", nullable: false),
                    CustomerDomain = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    FromName = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    FromEmail = table.Column<string>(type: "character varying(320)", maxLength: 320, nullable: false),
                    EmailSubject = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Subject = table.Column<string>(type: "character varying(1010)", maxLength: 1010, nullable: false),
                    AskQuote = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    InsertedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentUnchanged = table.Column<bool>(type: "boolean", nullable: true),
                    SentFailed = table.Column<int>(type: "integer", nullable: true),
                    SentWarned = table.Column<bool>(type: "boolean", nullable: false),
                    Review = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ReviewedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Comments = table.Column<int>(type: "integer", nullable: false),
                    GeneratedSeq = table.Column<long>(type: "bigint", nullable: false),
                    SentSeq = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_drafts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "log",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DraftId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Payload = table.Column<string>(type: "text", nullable: false),
                    ContentHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PrevHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "log_head",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_log_head", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "template_folder",
                columns: table => new
                {
                    Path = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    FolderSha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConflictContent = table.Column<string>(type: "text", nullable: true),
                    ConflictVersion = table.Column<int>(type: "integer", nullable: true),
                    ConflictAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConflictReason = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_folder", x => x.Path);
                });

            migrationBuilder.CreateTable(
                name: "template_versions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Path = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: true),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Origin = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Comment = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    UserId = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UserName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_template_versions", x => x.Id);
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
                name: "drafts");

            migrationBuilder.DropTable(
                name: "log");

            migrationBuilder.DropTable(
                name: "log_head");

            migrationBuilder.DropTable(
                name: "template_folder");

            migrationBuilder.DropTable(
                name: "template_versions");
        }
    }
}
