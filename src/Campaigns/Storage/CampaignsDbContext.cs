using Microsoft.EntityFrameworkCore;
using Outreach.Campaigns.Definition;
using Outreach.Campaigns.Delivery;
using Outreach.Campaigns.Inbound;
using Outreach.Campaigns.Inbox;
using Outreach.Campaigns.Slots;
using Outreach.Campaigns.Targets;
using Outreach.Storage;

namespace Outreach.Campaigns.Storage;

/// <summary>Campaigns, their audience snapshots, appointment slots, delivery attempts, inbound messages and the staff inbox.</summary>
public sealed class CampaignsDbContext(DbContextOptions<CampaignsDbContext> options) : DbContext(options)
{
    public DbSet<Campaign> Campaigns => Set<Campaign>();

    public DbSet<CampaignWording> Wordings => Set<CampaignWording>();

    public DbSet<CampaignTarget> Targets => Set<CampaignTarget>();

    public DbSet<DeliveryAttempt> Attempts => Set<DeliveryAttempt>();

    public DbSet<NoticeSlot> Slots => Set<NoticeSlot>();

    public DbSet<SlotBooking> SlotBookings => Set<SlotBooking>();

    public DbSet<InboxItem> Inbox => Set<InboxItem>();

    public DbSet<InboundMessage> InboundMessages => Set<InboundMessage>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        => OutreachDatabase.ApplyConventions(this, configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(CampaignsDbContext).Assembly);
    }
}
