using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Campaigns.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AttemptCheckedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CheckedAt",
                table: "delivery_attempts",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckedAt",
                table: "delivery_attempts");
        }
    }
}
