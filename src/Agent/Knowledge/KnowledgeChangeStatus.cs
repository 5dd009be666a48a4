namespace Outreach.Agent.Knowledge;

public enum KnowledgeChangeStatus
{
    Saved,
    Invalid,
    NotFound,
    ReadOnly,
}
