using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Campaigns.Storage.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class TargetAskedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "AskedAt",
                table: "campaign_targets",
                type: "timestamp with time zone",
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
