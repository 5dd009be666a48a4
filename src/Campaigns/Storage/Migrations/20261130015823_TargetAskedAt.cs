using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Campaigns.Storage.Migrations
{
    /// <inheritdoc />
    public partial class TargetAskedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "AskedAt",
                table: "campaign_targets",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AskedAt",
                table: "campaign_targets");
        }
    }
}
