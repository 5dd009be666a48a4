using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Residents.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ImportLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "resident_imports",
                type: "TEXT",
                maxLength: 36,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LeaseUntil",
                table: "resident_imports",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "resident_imports");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "resident_imports");
        }
    }
}
