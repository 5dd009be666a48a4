using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Agent.Conversations;

namespace Outreach.Agent.Storage;

internal sealed class ConversationTurnConfiguration : IEntityTypeConfiguration<ConversationTurn>
{
    public void Configure(EntityTypeBuilder<ConversationTurn> builder)
    {
        builder.ToTable("agent_turns");
        builder.Property(t => t.Speaker).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Text).HasMaxLength(4000);
        builder.HasIndex(t => new { t.ConversationId, t.At });
    }
}
