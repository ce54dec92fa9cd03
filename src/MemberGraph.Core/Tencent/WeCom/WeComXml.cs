using System.Xml;

namespace MemberGraph.Tencent.WeCom;

/// <summary>
/// Reads WeCom's flat XML messages (<c>&lt;xml&gt;&lt;Name&gt;value&lt;/Name&gt;...&lt;/xml&gt;</c>) safely: no DTD, no
/// external entities, a size cap; nested or repeated elements and anything else malformed are refused.
/// </summary>
public static class WeComXml
{
    private const int MaxCharacters = 256 * 1024;

    /// <summary>The root's child elements by name, or null when the text is not such a message.</summary>
    public static IReadOnlyDictionary<string, string>? TryParse(string xml)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxCharacters,
            MaxCharactersFromEntities = 0,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };

        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "xml")
            {
                return null;
            }

            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            if (reader.IsEmptyElement)
            {
                return fields;
            }

            reader.Read();
            while (reader.NodeType == XmlNodeType.Element)
            {
                var name = reader.Name;
                var value = reader.ReadElementContentAsString();
                if (!fields.TryAdd(name, value))
                {
                    return null;
                }
            }

            if (reader.NodeType != XmlNodeType.EndElement)
            {
                return null;
            }

            reader.Read();
            return reader.EOF ? fields : null;
        }
        catch (XmlException)
        {
            return null;
        }
    }
}
