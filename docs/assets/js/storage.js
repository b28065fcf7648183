// localStorage that never throws (blocked site data, private modes, a full quota).
// read() gives undefined when storage cannot be reached, null when the key is not set.
export const storage = {
  read: (key) => {
    try {
      return localStorage.getItem(key);
    } catch (error) {
      return undefined;
    }
  },
  write: (key, value) => {
    try {
      localStorage.setItem(key, value);
      return true;
    } catch (error) {
      return false;
    }
  },
  remove: (key) => {
    try {
      localStorage.removeItem(key);
      return true;
    } catch (error) {
      return false;
    }
  },
};

// "{done} of {total}" + { done: 2, total: 5 } -> "2 of 5". Unknown names stay as they are.
export const fill = (template, values) =>
  template.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
