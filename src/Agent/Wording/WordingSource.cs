namespace Outreach.Agent.Wording;

public enum WordingSource
{
    /// <summary>Drafted by the model and passed the fact lock.</summary>
    Model,
    /// <summary>The offline agent's template around the staff's own text.</summary>
    Template,
    /// <summary>The model's drafts failed the fact lock twice: the staff's own text is used.</summary>
    StaffText,
}
