/**
 * Invented names for the demo dataset, by country. Surnames are deliberately uncommon, and
 * every person in the dataset is fictional.
 */
import type { Random } from "./random.js";

interface NameBook {
  readonly first: readonly string[];
  readonly last: readonly string[];
}

// biome-ignore format: dense name tables
const ENGLISH: NameBook = {
  first: [
    "Avery", "Jordan", "Harper", "Quinn", "Rowan", "Elliot", "Marisol", "Desmond", "Tamsin",
    "Callum", "Imogen", "Wesley", "Hazel", "Theo", "Nadia", "Malik", "Lucia", "Sienna", "Grady",
    "Darius", "Juniper", "Otis", "Priya", "Keira", "Ansel", "Maya", "Silas", "Noor", "Corbin",
    "Delphine",
  ],
  last: [
    "Ashgrove", "Brennick", "Whitcombe", "Pembury", "Castellane", "Thornbury", "Kestrelle",
    "Marchbank", "Fairweather", "Hollowell", "Wrenfield", "Blackwood", "Ravensdale", "Oakridge",
    "Penhallow", "Sedgewick", "Tiverton", "Merriweather", "Calderwood", "Larkspur",
    "Quillfeather", "Harrowgate", "Stonebridge", "Winterbourne",
  ],
};

// biome-ignore format: dense name tables
const IRISH: NameBook = {
  first: ["Niamh", "Declan", "Saoirse", "Cormac", "Maeve", "Oisín", "Aoife", "Ronan", "Clodagh"],
  last: ["Ó Briain-Kells", "Mac Giolla", "Fennelly", "Costigan", "Dunleavy", "Kinsella-Rourke"],
};

// biome-ignore format: dense name tables
const BOOKS: Readonly<Record<string, NameBook>> = {
  US: ENGLISH,
  GB: ENGLISH,
  CA: ENGLISH,
  AU: ENGLISH,
  IE: IRISH,
  DE: {
    first: ["Jonas", "Lena", "Mats", "Frieda", "Anton", "Clara", "Emil", "Greta", "Paul", "Ida", "Henrik", "Mila"],
    last: ["Brückner", "Falkenrath", "Hagedorn", "Kesselring", "Lindemayr", "Ostwald", "Rautenberg", "Scheuerle", "Wendtland", "Zimmerlein"],
  },
  FR: {
    first: ["Camille", "Élodie", "Bastien", "Margaux", "Théo", "Inès", "Lucien", "Anaïs", "Mathis", "Solène"],
    last: ["Vautrin", "Lemarchand", "Fontenaille", "Castagnet", "Delorme-Vial", "Rouvière", "Belcourt", "Marsollier", "Tessandier", "Villemot"],
  },
  NL: {
    first: ["Daan", "Sanne", "Bram", "Fleur", "Joris", "Lotte", "Thijs", "Maud"],
    last: ["van Dijkhuizen", "Hoogendoorn", "Kloosterman", "de Wilde-Bos", "Ravesteijn", "Zwanenburg", "ter Haarveld"],
  },
  ES: {
    first: ["Lucía", "Mateo", "Alba", "Hugo", "Irene", "Pablo", "Nerea", "Iker"],
    last: ["Arrieta", "Belmonte", "Cifuentes", "Echevarría", "Lozano-Prieto", "Montalvo", "Saavedra", "Villaverde"],
  },
  BR: {
    first: ["João", "Thiago", "Beatriz", "Rafael", "Larissa", "Caio", "Manuela", "Luana"],
    last: ["Albuquerque", "Bittencourt", "Cavalcanti", "Damasceno", "Figueiredo", "Magalhães", "Nogueira", "Sampaio"],
  },
  JP: {
    first: ["Haruto", "Yui", "Sota", "Hina", "Ren", "Aoi", "Kaito", "Mio"],
    last: ["Arakawa", "Fujimaki", "Hoshizora", "Kuramoto", "Matsuzaki", "Nishikawa", "Takebayashi", "Yoshimura"],
  },
  IN: {
    first: ["Aarav", "Diya", "Ishaan", "Kavya", "Rohan", "Ananya", "Vihaan", "Meera"],
    last: ["Bhattacharya", "Deshpande", "Iyengar", "Kulkarni", "Malhotra", "Narayanan", "Raghavan", "Venkatesh"],
  },
};

export interface InventedName {
  readonly first: string;
  readonly last: string;
}

export function inventName(rng: Random, country: string): InventedName {
  const book = BOOKS[country] ?? ENGLISH;
  return { first: rng.pick(book.first), last: rng.pick(book.last) };
}

/** "Élodie" → "elodie", "van Dijkhuizen" → "vandijkhuizen": the ASCII part of an address. */
export function emailPart(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z]/g, "");
}
