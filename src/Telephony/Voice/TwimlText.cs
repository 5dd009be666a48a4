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

    private static void Write(XElement element, StringBuilder text)
    {
        text.Append('<').Append(element.Name.LocalName);
        foreach (var attribute in element.Attributes())
        {
            text.Append(' ').Append(attribute.Name.LocalName).Append("=\"");
            Escape(attribute.Value, text, attribute: true);
            text.Append('"');
        }

        if (element.IsEmpty)
        {
            text.Append("/>");
            return;
        }

        text.Append('>');
        foreach (var node in element.Nodes())
        {
            switch (node)
            {
                case XElement child:
                    Write(child, text);
                    break;
                case XText content:
                    Escape(content.Value, text, attribute: false);
                    break;
            }
        }

        text.Append("</").Append(element.Name.LocalName).Append('>');
    }

    private static void Escape(string value, StringBuilder text, bool attribute)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => text.Append("&amp;"),
                '<' => text.Append("&lt;"),
                '>' => text.Append("&gt;"),
                '"' when attribute => text.Append("&quot;"),
                '\n' when attribute => text.Append("&#xA;"),
                '\r' => text.Append("&#xD;"),
                _ => text.Append(c),
            };
        }
    }
}
