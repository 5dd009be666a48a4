using Outreach.Residents.Archive;

namespace Outreach.Campaigns.Conversations;

/// <summary>Who a conversation is with, decided by the server from the phone number; the agent cannot change it.</summary>
/// <param name="ExternalRef">The turn's Twilio SID (MessageSid or CallSid based): makes replays idempotent.</param>
public sealed record ConversationBinding(int ResidentId, int CommunityId, int? CampaignId, ContactChannel Channel, string? ExternalRef)
{
    public string ChannelName => Channel == ContactChannel.Sms ? "sms" : "call";
}
