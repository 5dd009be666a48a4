using Microsoft.EntityFrameworkCore;
using Outreach.Storage;

namespace Outreach.Telephony.Storage;

/// <summary>The Telephony module's tables in the shared database: webhook receipts (idempotency tokens).</summary>
public sealed class TelephonyDbContext(DbContextOptions<TelephonyDbContext> options) : DbContext(options)
{
    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        OutreachDatabase.ApplyConventions(this, configurationBuilder);
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
