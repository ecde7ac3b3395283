package io.cairn.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The bundles of a role's feature, read straight from Cairn's features repository, so an agent
 * can install them without Karaf's features service: that service parses every listed
 * repository and runs its resolver on each start, ~1 s of a dev agent's start-up on 2 cores,
 * to arrive at the list the repository already spells out (bundles with start levels, nested
 * features of the same repository). Only that form is accepted; a feature using anything else
 * (conditionals, configs, prerequisites) is refused, and the agent must be booted by the
 * features service instead.
 */
final class RoleBundles {

    /** Features that Karaf's start-up bundles already provide (the distribution's startupFeatures). */
    private static final Set<String> STARTUP_FEATURES = Set.of("scr");

    /** One bundle to install: its Maven coordinates ({@code mvn:group/artifact/version[/type[/classifier]]}) and start level. */
    record RoleBundle(String url, int startLevel) {
    }

    private RoleBundles() {
    }

    /**
     * The bundles of {@code feature} and the features it names, each once (the first start level
     * seen), ordered by start level and then as they appear.
     */
    static List<RoleBundle> of(InputStream repository, String feature) throws IOException {
        Map<String, Element> features = features(repository);
        Map<String, RoleBundle> bundles = new LinkedHashMap<>();
        collect(features, feature, bundles, new ArrayList<>());
        List<RoleBundle> ordered = new ArrayList<>(bundles.values());
        ordered.sort(Comparator.comparingInt(RoleBundle::startLevel));
        return ordered;
    }

    private static Map<String, Element> features(InputStream repository) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setExpandEntityReferences(false);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            NodeList list = factory.newDocumentBuilder().parse(repository).getDocumentElement().getChildNodes();
            Map<String, Element> features = new HashMap<>();
            for (Element e : elements(list)) {
                if (e.getTagName().equals("feature")) {
                    features.put(e.getAttribute("name"), e);
                }
            }
            return features;
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable features repository: " + e.getMessage(), e);
        }
    }

    private static void collect(Map<String, Element> features, String name, Map<String, RoleBundle> bundles,
            List<String> path) throws IOException {
        if (path.contains(name)) {
            return;
        }
        Element feature = features.get(name);
        if (feature == null) {
            if (STARTUP_FEATURES.contains(name)) {
                return;
            }
            throw new IOException("feature " + name + " (named by " + String.join(" > ", path)
                    + ") is not in Cairn's features repository");
        }
        path.add(name);
        for (Element e : elements(feature.getChildNodes())) {
            switch (e.getTagName()) {
                case "feature" -> collect(features, e.getTextContent().trim(), bundles, path);
                case "bundle" -> {
                    String url = e.getTextContent().trim();
                    int level = e.hasAttribute("start-level") ? Integer.parseInt(e.getAttribute("start-level")) : 80;
                    bundles.putIfAbsent(url, new RoleBundle(url, level));
                }
                default -> throw new IOException("feature " + name + ": <" + e.getTagName()
                        + "> needs Karaf's features service");
            }
        }
        path.remove(path.size() - 1);
    }

    private static List<Element> elements(NodeList nodes) {
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) nodes.item(i));
            }
        }
        return elements;
    }

    /**
     * Installs the bundles into a framework whose bundle cache was emptied at boot, by reference
     * to the distribution's jars (nothing is copied), each at its start level and marked to
     * start: the framework starts them as its start level rises, as it does Karaf's start-up
     * bundles.
     */
    static void install(BundleContext context, Path system, List<RoleBundle> bundles) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        for (RoleBundle b : bundles) {
            Bundle bundle = context.installBundle("reference:" + jar(system, b.url()).toUri());
            bundle.adapt(BundleStartLevel.class).setStartLevel(b.startLevel());
            installed.add(bundle);
        }
        for (Bundle bundle : installed) {
            bundle.start();
        }
    }

    /**
     * Where a bundle's jar sits in the distribution's {@code system/} repository:
     * {@code mvn:g/a/v} is {@code g-as-path/a/v/a-v.jar}, with {@code /type/classifier}
     * giving {@code a-v-classifier.type}.
     */
    static Path jar(Path system, String url) throws IOException {
        if (!url.startsWith("mvn:")) {
            throw new IOException("not a Maven bundle location: " + url);
        }
        String[] parts = url.substring("mvn:".length()).split("/");
        if (parts.length < 3 || parts.length > 5) {
            throw new IOException("not a Maven bundle location: " + url);
        }
        String group = parts[0].replace('.', '/');
        String artifact = parts[1];
        String version = parts[2];
        String type = parts.length > 3 && !parts[3].isEmpty() ? parts[3] : "jar";
        String classifier = parts.length > 4 ? "-" + parts[4] : "";
        Path jar = system.resolve(group).resolve(artifact).resolve(version)
                .resolve(artifact + "-" + version + classifier + "." + type);
        if (!Files.isRegularFile(jar)) {
            throw new IOException("bundle " + url + " is missing from the distribution: " + jar);
        }
        return jar;
    }
}
