using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Outreach.Agent.Conversations;

namespace Outreach.Agent.Storage;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> builder)
    {
        builder.ToTable("agent_conversations");
        builder.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Summary).HasMaxLength(500);
        builder.HasIndex(c => new { c.ResidentId, c.CampaignId });
        builder.HasIndex(c => new { c.ResidentId, c.LastTurnAt });
        builder.HasMany(c => c.Turns).WithOne().HasForeignKey(t => t.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
