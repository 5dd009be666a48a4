using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Campaigns.Storage.Migrations
{
    /// <inheritdoc />
    public partial class CampaignSchedulesAndCommunities : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CommunityIds",
                table: "campaigns",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Cron",
                table: "campaigns",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DateField",
                table: "campaigns",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "DateLocalTime",
                table: "campaigns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DateOffsetDays",
                table: "campaigns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "OccurrenceAt",
                table: "campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Schedule",
                table: "campaigns",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "Once");

            migrationBuilder.AddColumn<int>(
                name: "StreetId",
                table: "campaigns",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_ParentId_OccurrenceAt",
                table: "campaigns",
                columns: new[] { "ParentId", "OccurrenceAt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_campaigns_ParentId_OccurrenceAt",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "CommunityIds",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Cron",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "DateField",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "DateLocalTime",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "DateOffsetDays",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "OccurrenceAt",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "ParentId",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "Schedule",
                table: "campaigns");

            migrationBuilder.DropColumn(
                name: "StreetId",
                table: "campaigns");
        }
    }
}
