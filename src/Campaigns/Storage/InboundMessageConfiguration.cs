using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Campaigns.Inbound;

namespace Outreach.Campaigns.Storage;

internal sealed class InboundMessageConfiguration : IEntityTypeConfiguration<InboundMessage>
{
    public void Configure(EntityTypeBuilder<InboundMessage> builder)
    {
        builder.ToTable("inbound_messages");
        builder.Property(m => m.MessageSid).HasMaxLength(64);
        builder.Property(m => m.From).HasMaxLength(20);
        builder.Property(m => m.To).HasMaxLength(20);
        builder.Property(m => m.Body).HasMaxLength(2000);
        builder.Property(m => m.Outcome).HasMaxLength(32);
        builder.Property(m => m.ReplySid).HasMaxLength(64);
        builder.HasIndex(m => m.MessageSid).IsUnique();
        builder.HasIndex(m => m.ResidentId);
    }
}
