using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMarket.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PublisherColumnMappings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublisherColumnMappings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PublisherId = table.Column<string>(type: "TEXT", nullable: false),
                    SourceColumn = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    FieldName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublisherColumnMappings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PublisherColumnMappings_AspNetUsers_PublisherId",
                        column: x => x.PublisherId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PublisherColumnMappings_PublisherId_SourceColumn",
                table: "PublisherColumnMappings",
                columns: new[] { "PublisherId", "SourceColumn" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublisherColumnMappings");
        }
    }
}
