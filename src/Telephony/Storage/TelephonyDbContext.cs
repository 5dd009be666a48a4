using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Outreach.Telephony.Storage;

/// <summary>The Telephony module's tables in the shared database: webhook receipts (idempotency tokens).</summary>
public sealed class TelephonyDbContext(DbContextOptions<TelephonyDbContext> options) : DbContext(options)
{
    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // As every module does (OutreachDatabase.ApplyConventions, which Telephony cannot reference): SQLite cannot
        // compare DateTimeOffset, so it is stored as sortable UTC ticks there.
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<WebhookReceipt>(receipt =>
        {
            receipt.ToTable("twilio_webhook_receipts");
            receipt.Property(r => r.Key).HasMaxLength(400);
            receipt.HasIndex(r => r.Key).IsUnique();
            receipt.HasIndex(r => r.ReceivedAt);
            receipt.Property(r => r.ContentType).HasMaxLength(100);
        });
    }
}
