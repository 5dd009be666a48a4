namespace Outreach.Agent.Knowledge;

/// <summary>
/// A knowledge passage's vector from one embedding model. Keyed by document, passage ordinal and model, and checked
/// against a hash of the passage's text, so an edited document or a new model gets fresh vectors.
/// </summary>
public sealed class PassageEmbedding
{
    public long Id { get; set; }

    public int DocumentId { get; set; }

    public int Ordinal { get; set; }

    public required string ModelId { get; set; }

    /// <summary>SHA-256 of the embedded text, hex.</summary>
    public required string TextHash { get; set; }

    /// <summary>The vector as little-endian float32s.</summary>
    public required byte[] Vector { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
