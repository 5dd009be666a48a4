using System.Buffers;
using System.Text;
using System.Xml.Linq;

namespace Outreach.Telephony.Voice;

/// <summary>
/// Writes the SDK's TwiML document (<c>ToXDocument()</c>) as text without an XmlWriter per response: TwiML is only
/// elements, attributes and text, and on a busy call path the writer's buffers (about 20 KB a turn) were most of
/// what a turn allocated, and so most of what triggered the garbage collections its slowest turns waited on.
/// </summary>
internal static class TwimlText
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"utf-8\"?>";

    private static readonly SearchValues<char> EscapedInText = SearchValues.Create("&<>\r\n");
    private static readonly SearchValues<char> EscapedInAttribute = SearchValues.Create("&<>\"\n\r\t");

    [ThreadStatic]
    private static StringBuilder? buffer;

    public static string Of(Twilio.TwiML.TwiML twiml)
    {
        ArgumentNullException.ThrowIfNull(twiml);
        var text = buffer ??= new StringBuilder(2048);
        text.Clear().Append(Declaration);
        Write(twiml.ToXDocument().Root!, text);
        var result = text.ToString();
        if (text.Capacity > 16 * 1024)
        {
            buffer = null;
        }

        return result;
    }

    // The linked lists are walked directly: Attributes() and Nodes() would allocate an iterator per element.
    private static void Write(XElement element, StringBuilder text)
    {
        text.Append('<').Append(element.Name.LocalName);
        for (var attribute = element.FirstAttribute; attribute is not null; attribute = attribute.NextAttribute)
        {
            text.Append(' ').Append(attribute.Name.LocalName).Append("=\"");
            Escape(attribute.Value, text, EscapedInAttribute);
            text.Append('"');
        }

        if (element.IsEmpty)
        {
            text.Append("/>");
            return;
        }

        text.Append('>');
        for (var node = element.FirstNode; node is not null; node = node.NextNode)
        {
            switch (node)
            {
                case XElement child:
                    Write(child, text);
                    break;
                case XText content:
                    Escape(content.Value, text, EscapedInText);
                    break;
            }
        }

        text.Append("</").Append(element.Name.LocalName).Append('>');
    }

    /// <summary>
    /// Escapes as the SDK's XmlWriter does (its default settings): in attributes, line breaks and tabs become character
    /// references; in text, each line break (\r\n, \r or \n) becomes the platform's new line.
    /// </summary>
    private static void Escape(string value, StringBuilder text, SearchValues<char> escaped)
    {
        var attribute = escaped == EscapedInAttribute;
        var rest = value.AsSpan();
        for (var next = rest.IndexOfAny(escaped); next >= 0; next = rest.IndexOfAny(escaped))
        {
            var c = rest[next];
            text.Append(rest[..next]).Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\t' => "&#x9;",
                '\n' => attribute ? "&#xA;" : Environment.NewLine,
                _ => attribute ? "&#xD;" : Environment.NewLine,
            });
            var crlf = !attribute && c == '\r' && next + 1 < rest.Length && rest[next + 1] == '\n';
            rest = rest[(next + (crlf ? 2 : 1))..];
        }

        text.Append(rest);
    }
}
