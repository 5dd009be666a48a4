using Microsoft.EntityFrameworkCore;
using Outreach.Storage;

namespace Outreach.Telephony.Storage;

/// <summary>The Telephony module's tables in the shared database: webhook receipts (idempotency tokens) and the calls handed to ConversationRelay.</summary>
public sealed class TelephonyDbContext(DbContextOptions<TelephonyDbContext> options) : DbContext(options)
{
    public DbSet<WebhookReceipt> WebhookReceipts => Set<WebhookReceipt>();

    public DbSet<RelayCall> RelayCalls => Set<RelayCall>();

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
        modelBuilder.Entity<RelayCall>(call =>
        {
            call.ToTable("twilio_relay_calls");
            call.HasKey(c => c.CallSid);
            call.Property(c => c.CallSid).HasMaxLength(64);
            call.Property(c => c.From).HasMaxLength(100);
            call.Property(c => c.To).HasMaxLength(100);
            call.Property(c => c.Reference).HasMaxLength(100);
            call.Property(c => c.AnsweredBy).HasMaxLength(32);
            call.HasIndex(c => c.ReceivedAt);
        });
    }
}
