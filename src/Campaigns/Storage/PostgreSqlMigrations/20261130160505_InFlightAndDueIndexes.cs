using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Campaigns.Storage.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class InFlightAndDueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_delivery_attempts_CampaignId_StatusRank",
                table: "delivery_attempts");

            migrationBuilder.DropIndex(
                name: "IX_campaign_targets_CampaignId_DueAt",
                table: "campaign_targets");

            migrationBuilder.CreateIndex(
                name: "IX_delivery_attempts_CampaignId_StatusRank",
                table: "delivery_attempts",
                columns: new[] { "CampaignId", "StatusRank" },
                filter: "\"StatusRank\" < 10");

            migrationBuilder.CreateIndex(
                name: "IX_campaign_targets_CampaignId_DueAt",
                table: "campaign_targets",
                columns: new[] { "CampaignId", "DueAt" },
                filter: "\"DueAt\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_delivery_attempts_CampaignId_StatusRank",
                table: "delivery_attempts");

            migrationBuilder.DropIndex(
                name: "IX_campaign_targets_CampaignId_DueAt",
                table: "campaign_targets");

            migrationBuilder.CreateIndex(
                name: "IX_delivery_attempts_CampaignId_StatusRank",
                table: "delivery_attempts",
                columns: new[] { "CampaignId", "StatusRank" });

            migrationBuilder.CreateIndex(
                name: "IX_campaign_targets_CampaignId_DueAt",
                table: "campaign_targets",
                columns: new[] { "CampaignId", "DueAt" });
        }
    }
}
