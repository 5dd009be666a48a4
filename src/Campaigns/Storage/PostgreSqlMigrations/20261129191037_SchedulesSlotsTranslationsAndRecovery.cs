using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outreach.Campaigns.Storage.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class SchedulesSlotsTranslationsAndRecovery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<List<int>>(
                name: "CommunityIds",
                table: "campaigns",
                type: "integer[]",
                nullable: false);

            migrationBuilder.AddColumn<string>(
                name: "Cron",
                table: "campaigns",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DateField",
                table: "campaigns",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "DateLocalTime",
                table: "campaigns",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DateOffsetDays",
                table: "campaigns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OccurrenceAt",
                table: "campaigns",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ParentId",
                table: "campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Schedule",
                table: "campaigns",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "StreetId",
                table: "campaigns",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Translations",
                table: "campaigns",
                type: "character varying(12000)",
                maxLength: 12000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "campaign_slots",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Booked = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_slots", x => x.Id);
                    table.CheckConstraint("ck_campaign_slots_booked_within_capacity", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\"");
                    table.ForeignKey(
                        name: "FK_campaign_slots_campaigns_CampaignId",
                        column: x => x.CampaignId,
                        principalTable: "campaigns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "campaign_slot_bookings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CampaignId = table.Column<int>(type: "integer", nullable: false),
                    ResidentId = table.Column<int>(type: "integer", nullable: false),
                    SlotId = table.Column<int>(type: "integer", nullable: false),
                    BookedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaign_slot_bookings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_campaign_slot_bookings_campaign_slots_SlotId",
                        column: x => x.SlotId,
                        principalTable: "campaign_slots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_campaigns_ParentId_OccurrenceAt",
                table: "campaigns",
                columns: new[] { "ParentId", "OccurrenceAt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_campaign_slot_bookings_CampaignId_ResidentId",
                table: "campaign_slot_bookings",
                columns: new[] { "CampaignId", "ResidentId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_campaign_slot_bookings_SlotId",
                table: "campaign_slot_bookings",
                column: "SlotId");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_slots_CampaignId_Label",
                table: "campaign_slots",
                columns: new[] { "CampaignId", "Label" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "campaign_slot_bookings");

            migrationBuilder.DropTable(
                name: "campaign_slots");

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

            migrationBuilder.DropColumn(
                name: "Translations",
                table: "campaigns");
        }
    }
}
