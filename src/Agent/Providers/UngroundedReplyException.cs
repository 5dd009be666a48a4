namespace Outreach.Agent.Providers;

/// <summary>The model's reply failed the <see cref="ReplyGuard"/>; the offline agent answers instead.</summary>
public sealed class UngroundedReplyException : Exception
{
    public UngroundedReplyException()
    {
    }

    public UngroundedReplyException(string message)
        : base(message)
    {
    }

    public UngroundedReplyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
