namespace Outreach.Campaigns.Inbox;

public enum InboxItemKind
{
    Question,
    Callback,
    Problem,
}
