using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LeadMarket.Infrastructure.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TestKeysAndRates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "IsTest",
                table: "ApiKeys",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "RequestsPerMinute",
                table: "ApiKeys",
                type: "integer",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "IsTest",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "RequestsPerMinute",
                table: "ApiKeys");
        }
    }
}
