using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Residents.Storage.Migrations
{
    /// <inheritdoc />
    public partial class ImportCommunityScope : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CommunityIds",
                table: "resident_imports",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CommunityIds",
                table: "resident_imports");
        }
    }
}
