using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace LeadMarket.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntakeSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Leads_VerticalId",
                table: "Leads");

            migrationBuilder.AddColumn<int>(
                name: "DuplicateWindowDays",
                table: "Verticals",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "ConfirmationExpiresAt",
                table: "Leads",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConfirmationTokenHash",
                table: "Leads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailHash",
                table: "Leads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FieldsJson",
                table: "Leads",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "PhoneHash",
                table: "Leads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PhoneKind",
                table: "Leads",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RowKey",
                table: "Leads",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceType",
                table: "Leads",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "State",
                table: "Leads",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "AlreadyImported",
                table: "Batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "BytesRead",
                table: "Batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "BytesTotal",
                table: "Batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Distribution",
                table: "Batches",
                type: "character varying(24)",
                maxLength: 24,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "HostedDoubleOptIn",
                table: "Batches",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "NextSlotAt",
                table: "Batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "PacingSeconds",
                table: "Batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Rejected",
                table: "Batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RowsRead",
                table: "Batches",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SourceHeader",
                table: "Batches",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "StartsAt",
                table: "Batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "Batches",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "Version",
                table: "Batches",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.CreateTable(
                name: "BatchRejections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    BatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    Row = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    ProtectedRow = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchRejections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchRejections_Batches_BatchId",
                        column: x => x.BatchId,
                        principalTable: "Batches",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VerticalFields",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    VerticalId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Required = table.Column<bool>(type: "boolean", nullable: false),
                    Choices = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Minimum = table.Column<long>(type: "bigint", nullable: true),
                    Maximum = table.Column<long>(type: "bigint", nullable: true),
                    MustBe = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerticalFields", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VerticalFields_Verticals_VerticalId",
                        column: x => x.VerticalId,
                        principalTable: "Verticals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_ConfirmationTokenHash",
                table: "Leads",
                column: "ConfirmationTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_PublisherId_RowKey",
                table: "Leads",
                columns: new[] { "PublisherId", "RowKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Leads_State_ConfirmationExpiresAt",
                table: "Leads",
                columns: new[] { "State", "ConfirmationExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_VerticalId_EmailHash_CreatedAt",
                table: "Leads",
                columns: new[] { "VerticalId", "EmailHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Leads_VerticalId_PhoneHash_CreatedAt",
                table: "Leads",
                columns: new[] { "VerticalId", "PhoneHash", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BatchRejections_BatchId_Code",
                table: "BatchRejections",
                columns: new[] { "BatchId", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_BatchRejections_BatchId_Row",
                table: "BatchRejections",
                columns: new[] { "BatchId", "Row" });

            migrationBuilder.CreateIndex(
                name: "IX_VerticalFields_VerticalId_Name",
                table: "VerticalFields",
                columns: new[] { "VerticalId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BatchRejections");

            migrationBuilder.DropTable(
                name: "VerticalFields");

            migrationBuilder.DropIndex(
                name: "IX_Leads_ConfirmationTokenHash",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_PublisherId_RowKey",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_State_ConfirmationExpiresAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_VerticalId_EmailHash_CreatedAt",
                table: "Leads");

            migrationBuilder.DropIndex(
                name: "IX_Leads_VerticalId_PhoneHash_CreatedAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "DuplicateWindowDays",
                table: "Verticals");

            migrationBuilder.DropColumn(
                name: "ConfirmationExpiresAt",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "ConfirmationTokenHash",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "EmailHash",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "FieldsJson",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "PhoneHash",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "PhoneKind",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "RowKey",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "SourceType",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "State",
                table: "Leads");

            migrationBuilder.DropColumn(
                name: "AlreadyImported",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "BytesRead",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "BytesTotal",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "Distribution",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "HostedDoubleOptIn",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "NextSlotAt",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "PacingSeconds",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "Rejected",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "RowsRead",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "SourceHeader",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "StartsAt",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "Batches");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Batches");

            migrationBuilder.CreateIndex(
                name: "IX_Leads_VerticalId",
                table: "Leads",
                column: "VerticalId");
        }
    }
}
