namespace Outreach.Residents.Timeline;

public enum TimelineKind
{
    OutboundMessage,
    OutboundCall,
    DeliveryStatus,
    InboundMessage,
    CallTurn,
    AgentReply,
    Outcome,
    StaffNote,
    ConsentChange,
    RecordChange,
}
