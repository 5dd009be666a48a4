using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Campaigns.Storage.Migrations
{
    /// <inheritdoc />
    public partial class AttemptsWithoutSidIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_delivery_attempts_ProviderSid",
                table: "delivery_attempts");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_delivery_attempts_ProviderSid",
                table: "delivery_attempts",
                column: "ProviderSid");
        }
    }
}
