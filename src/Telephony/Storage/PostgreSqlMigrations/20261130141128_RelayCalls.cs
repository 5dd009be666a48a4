using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Outreach.Telephony.Storage.PostgreSqlMigrations
{
    /// <inheritdoc />
    public partial class RelayCalls : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "twilio_relay_calls",
                columns: table => new
                {
                    CallSid = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    From = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    To = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AnsweredBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_twilio_relay_calls", x => x.CallSid);
                });

            migrationBuilder.CreateIndex(
                name: "IX_twilio_relay_calls_ReceivedAt",
                table: "twilio_relay_calls",
                column: "ReceivedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "twilio_relay_calls");
        }
    }
}
