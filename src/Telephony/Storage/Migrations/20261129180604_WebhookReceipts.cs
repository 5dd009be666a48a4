using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Telephony.Storage.Migrations
{
    /// <inheritdoc />
    public partial class WebhookReceipts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "twilio_webhook_receipts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Body = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_twilio_webhook_receipts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_twilio_webhook_receipts_Key",
                table: "twilio_webhook_receipts",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_twilio_webhook_receipts_ReceivedAt",
                table: "twilio_webhook_receipts",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "twilio_webhook_receipts");
        }
    }
}
