using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Outreach.Telephony.Storage.PostgreSqlMigrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Key = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Body = table.Column<string>(type: "text", nullable: true)
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
