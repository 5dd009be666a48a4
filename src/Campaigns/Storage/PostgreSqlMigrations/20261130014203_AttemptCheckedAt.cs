using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Campaigns.Storage.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class AttemptCheckedAt : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CheckedAt",
                table: "delivery_attempts",
                type: "timestamp with time zone",
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
