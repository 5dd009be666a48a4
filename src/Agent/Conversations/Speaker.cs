namespace Outreach.Agent.Conversations;

public enum Speaker
{
    Resident,
    Agent,
}
